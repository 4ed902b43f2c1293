// Opens the live page in headless Chromium with a fake microphone that plays a speech WAV, starts a
// session with a photo chosen through the page's file input, waits until the <video> plays, and
// screenshots it while the speech goes on. Then it plays the same WAV as a file through the page,
// which sounds it in step with the video, and samples how far sound and picture are apart. Writes
// the screenshots and summary.json into --out; the Java test (LivePageBrowserTest) judges them. Exits 1 with a message on any error or timeout.
//
//   node live-page.mjs --url http://127.0.0.1:8080/ --photo face.png --wav speech.wav --out dir
//        [--chromium /usr/bin/chromium] [--shots 24] [--interval-ms 250] [--timeout-ms 90000]
import { chromium } from "playwright-core";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

const { values: options } = parseArgs({
  options: {
    url: { type: "string" },
    photo: { type: "string" },
    wav: { type: "string" },
    out: { type: "string" },
    chromium: { type: "string", default: "/usr/bin/chromium" },
    shots: { type: "string", default: "24" },
    "interval-ms": { type: "string", default: "250" },
    "timeout-ms": { type: "string", default: "90000" },
  },
});
for (const name of ["url", "photo", "wav", "out"]) {
  if (!options[name]) fail(`--${name} is required`);
}
const shots = Number(options.shots);
const intervalMs = Number(options["interval-ms"]);
const timeoutMs = Number(options["timeout-ms"]);
const out = resolve(options.out);
mkdirSync(out, { recursive: true });

const began = Date.now();
const summary = {
  url: options.url, photo: options.photo, wav: options.wav, chromium: options.chromium,
  browserVersion: null, statuses: [], fragments: 0, fragmentLatencyMs: [], console: [], pageErrors: [],
  log: null, playingAfterMs: null, screenshots: [], done: null, ok: false, failure: null,
};
const seconds = () => (Date.now() - began) / 1000;

function fail(message) {
  console.error("live-page: " + message);
  process.exit(1);
}

// The status lines of the page's socket, read off the wire, so the page's own log is not trusted.
function watchSocket(page) {
  page.on("websocket", socket => {
    // The second session (file mode) counts apart from the first.
    const target = summary.fileMode ?? summary;
    socket.on("framereceived", frame => {
      if (typeof frame.payload !== "string") return;
      const status = JSON.parse(frame.payload);
      if (status.type === "fragment") {
        target.fragments++;
        target.fragmentLatencyMs.push(status.latencyMs);
      } else {
        target.statuses.push({ at: seconds(), ...status });
      }
    });
  });
}

async function waitFor(what, limitMs, check) {
  const until = Date.now() + limitMs;
  for (;;) {
    const result = await check();
    if (result) return result;
    const error = summary.statuses.find(s => s.type === "error");
    if (error) throw new Error(`the service ended the session while waiting for ${what}: ${error.code}: ${error.message}`);
    if (summary.pageErrors.length) throw new Error(`page error while waiting for ${what}: ${summary.pageErrors[0]}`);
    if (Date.now() > until) throw new Error(`timed out after ${limitMs} ms waiting for ${what}`);
    await new Promise(r => setTimeout(r, 100));
  }
}

const videoState = page => page.$eval("#video", v => ({
  currentTime: v.currentTime, readyState: v.readyState, paused: v.paused,
  error: v.error ? `${v.error.code}: ${v.error.message}` : null,
  buffered: v.buffered.length ? v.buffered.end(v.buffered.length - 1) : 0,
}));

let browser;
try {
  browser = await chromium.launch({
    executablePath: options.chromium,
    // Playwright adds --headless (the new headless mode since Chromium 132) and --no-sandbox (root in CI).
    headless: true,
    timeout: timeoutMs,
    args: [
      "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--no-first-run", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
      // %noloop: the speech plays once, then the microphone is silent.
      `--use-file-for-fake-audio-capture=${resolve(options.wav)}%noloop`,
      "--autoplay-policy=no-user-gesture-required",
    ],
  });
  summary.browserVersion = browser.version();
  const context = await browser.newContext({ viewport: { width: 800, height: 1000 }, permissions: ["microphone"] });
  const page = await context.newPage();
  page.setDefaultTimeout(timeoutMs);
  page.on("console", message => {
    if (message.type() === "error") summary.console.push(message.text());
  });
  page.on("pageerror", error => summary.pageErrors.push(String(error)));
  watchSocket(page);

  await page.goto(options.url);
  // This driver tests the WebSocket transport; live-webrtc.mjs the other.
  await page.selectOption("#transport", "websocket");
  const mse = await page.evaluate(() => MediaSource.isTypeSupported('video/mp4; codecs="avc1.64001f"'));
  if (!mse) throw new Error("this Chromium cannot play H.264 through Media Source Extensions");
  await page.setInputFiles("#photo", resolve(options.photo));
  await page.click("#mic");

  await waitFor("the ready line", timeoutMs, () => summary.statuses.some(s => s.type === "ready"));
  // Playing means frames are shown: enough data for the current frame and the clock moving.
  let first = null;
  await waitFor("the video to play", timeoutMs, async () => {
    const state = await videoState(page);
    if (state.error) throw new Error("the video element failed: " + state.error);
    if (state.readyState < 2) return false;
    if (first === null) first = state.currentTime;
    return state.currentTime > first + 0.2;
  });
  summary.playingAfterMs = Date.now() - began;

  const video = await page.$("#video");
  for (let i = 0; i < shots; i++) {
    const due = Date.now() + intervalMs;
    const file = `frame-${String(i).padStart(2, "0")}.png`;
    const state = await videoState(page);
    await video.screenshot({ path: join(out, file) });
    summary.screenshots.push({ file, at: seconds(), ...state });
    if (state.error) throw new Error("the video element failed: " + state.error);
    await new Promise(r => setTimeout(r, Math.max(0, due - Date.now())));
  }

  await page.click("#stop");
  await waitFor("the done line", timeoutMs, () => summary.statuses.some(s => s.type === "done"));
  summary.done = summary.statuses.find(s => s.type === "done");
  // The page's last view: the video played up to its last frame, which should show the face at rest.
  await waitFor("the video to reach its last frame", timeoutMs, async () => {
    const state = await videoState(page);
    return state.buffered - state.currentTime < 0.1;
  });
  await video.screenshot({ path: join(out, "last-frame.png") });
  await page.screenshot({ path: join(out, "page.png"), fullPage: true });
  summary.log = await page.$eval("#log", element => element.textContent);
  summary.latencyLine = await page.$eval("#latency", element => element.textContent);

  // File mode: the stream carries the WAV's sound; the page plays it from the stream, unmuted.
  summary.fileMode = { statuses: [], fragments: 0, fragmentLatencyMs: [], played: 0, done: null };
  await page.goto(options.url);
  await page.selectOption("#transport", "websocket");
  await page.setInputFiles("#photo", resolve(options.photo));
  await page.setInputFiles("#file", resolve(options.wav));
  let start = null;
  await waitFor("the file's video to play", timeoutMs, async () => {
    const error = summary.fileMode.statuses.find(s => s.type === "error");
    if (error) throw new Error(`file mode: ${error.code}: ${error.message}`);
    const state = await videoState(page);
    if (state.error) throw new Error("the video element failed in file mode: " + state.error);
    if (state.readyState < 2) return false;
    if (start === null) start = state.currentTime;
    return state.currentTime > start + 0.5;
  });
  await new Promise(r => setTimeout(r, 4000));
  summary.fileMode.played = (await videoState(page)).currentTime - start;
  // Chromium counts the sound it decoded from the element's stream.
  summary.fileMode.sound = await page.$eval("#video", v => ({ muted: v.muted, audioBytes: v.webkitAudioDecodedByteCount,
    videoBytes: v.webkitVideoDecodedByteCount }));
  summary.fileMode.latencyLine = await page.$eval("#latency", element => element.textContent);
  await page.click("#stop");
  await waitFor("the file session's done line", timeoutMs, () => summary.fileMode.statuses.some(s => s.type === "done"));
  summary.fileMode.done = summary.fileMode.statuses.find(s => s.type === "done");
  if (summary.console.length) throw new Error("console errors: " + summary.console.join(" | "));
  summary.ok = true;
} catch (error) {
  summary.failure = String(error && error.message || error);
} finally {
  writeFileSync(join(out, "summary.json"), JSON.stringify(summary, null, 2));
  if (browser) await browser.close().catch(() => {});
}
if (!summary.ok) fail(summary.failure + ` (details in ${join(out, "summary.json")})`);
console.log(`live-page: ${summary.screenshots.length} screenshots and summary.json in ${out}`);
