// Opens the live page in headless Chromium with a fake microphone that plays a speech WAV, chooses
// the WebRTC transport, starts a session with a photo chosen through the page's file input, and
// measures what a viewer gets: the first video frame after the connection (when the microphone's
// first audio goes out), screenshots while the speech goes on, and, sampled every 100 ms for 4 s,
// how far the sound heard is from the picture shown (Chromium's estimatedPlayoutTimestamp of the
// audio and the video receiver, both in the sender's capture clock). Writes the screenshots and
// summary.json into --out; the Java test (LiveWebRtcBrowserTest) judges them. Exits 1 on any error.
//
//   node live-webrtc.mjs --url http://127.0.0.1:8080/ --photo face.png --wav speech.wav --out dir
//        [--chromium /usr/bin/chromium] [--shots 16] [--interval-ms 250] [--timeout-ms 90000]
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
    shots: { type: "string", default: "16" },
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

const summary = {
  browserVersion: null, statuses: [], console: [], pageErrors: [], tracks: [], codecs: [],
  firstFrameAfterConnectMs: null, screenshots: [], sync: [], done: null, log: null, latencyLine: null,
  ok: false, failure: null,
};

function fail(message) {
  console.error("live-webrtc: " + message);
  process.exit(1);
}

// Before the page's script: every peer connection and data channel is watched, so the status lines
// and the connection time are read off the connection, not from the page's own log.
function watch() {
  window.__avatar = { statuses: [], connectedAt: 0, firstFrameAt: 0, peers: [], tracks: [] };
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = function (...args) {
    const pc = new Native(...args);
    window.__avatar.peers.push(pc);
    pc.addEventListener("connectionstatechange", () => {
      if (pc.connectionState === "connected" && !window.__avatar.connectedAt) {
        window.__avatar.connectedAt = performance.now();
      }
    });
    pc.addEventListener("track", event => window.__avatar.tracks.push(event.track.kind));
    const createDataChannel = pc.createDataChannel.bind(pc);
    pc.createDataChannel = (...channelArgs) => {
      const channel = createDataChannel(...channelArgs);
      channel.addEventListener("message", event => window.__avatar.statuses.push(JSON.parse(event.data)));
      return channel;
    };
    return pc;
  };
  window.RTCPeerConnection.prototype = Native.prototype;
}

async function waitFor(what, limitMs, check) {
  const until = Date.now() + limitMs;
  for (;;) {
    const result = await check();
    if (result) return result;
    if (summary.pageErrors.length) throw new Error(`page error while waiting for ${what}: ${summary.pageErrors[0]}`);
    if (Date.now() > until) throw new Error(`timed out after ${limitMs} ms waiting for ${what}`);
    await new Promise(r => setTimeout(r, 50));
  }
}

const statuses = page => page.evaluate(() => window.__avatar.statuses);
const videoState = page => page.$eval("#video", v => ({
  currentTime: v.currentTime, readyState: v.readyState, paused: v.paused, width: v.videoWidth, height: v.videoHeight,
  error: v.error ? `${v.error.code}: ${v.error.message}` : null,
}));

// Sound against picture now: the sender's capture time of what is heard minus that of what is seen.
const syncSample = page => page.evaluate(async () => {
  const pc = window.__avatar.peers[window.__avatar.peers.length - 1];
  const stats = await pc.getStats();
  const playout = {};
  const codecs = {};
  stats.forEach(report => {
    if (report.type === "inbound-rtp") {
      playout[report.kind] = report.estimatedPlayoutTimestamp ?? null;
      codecs[report.kind] = report.codecId ? stats.get(report.codecId)?.mimeType ?? null : null;
      codecs[report.kind + "Decoder"] = report.decoderImplementation ?? null;
      codecs[report.kind + "PayloadType"] = report.codecId ? stats.get(report.codecId)?.payloadType ?? null : null;
    }
  });
  return { audio: playout.audio ?? null, video: playout.video ?? null, codecs, nowNtp: Date.now() + 2208988800000 };
});

let browser;
try {
  browser = await chromium.launch({
    executablePath: options.chromium,
    headless: true,
    timeout: timeoutMs,
    args: [
      "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--no-first-run", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
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
  await page.addInitScript(watch);

  await page.goto(options.url + "#live");
  summary.browserVideoCodecs = await page.evaluate(() => [...new Set(RTCRtpReceiver.getCapabilities("video").codecs
    .map(codec => codec.mimeType))]);
  await page.selectOption("#transport", "webrtc");
  await page.setInputFiles("#photo", resolve(options.photo));
  // The first frame the element shows, whatever its source: registered before the session starts.
  await page.evaluate(() => {
    document.getElementById("video").requestVideoFrameCallback(() => {
      window.__avatar.firstFrameAt = performance.now();
    });
  });
  await page.click("#mic");

  await waitFor("the ready line", timeoutMs, async () => (await statuses(page)).some(s => s.type === "ready")
    || (await statuses(page)).some(s => s.type === "error"));
  const early = await statuses(page);
  if (early.some(s => s.type === "error")) throw new Error("the service sent an error: " + JSON.stringify(early));
  let first = null;
  await waitFor("the video to play", timeoutMs, async () => {
    const state = await videoState(page);
    if (state.error) throw new Error("the video element failed: " + state.error);
    if (state.readyState < 2) return false;
    if (first === null) first = state.currentTime;
    return state.currentTime > first + 0.2;
  });
  const times = await page.evaluate(() => ({ connected: window.__avatar.connectedAt, frame: window.__avatar.firstFrameAt,
    tracks: window.__avatar.tracks }));
  summary.answerMedia = await page.evaluate(() => {
    const sdp = window.__avatar.peers[window.__avatar.peers.length - 1].remoteDescription.sdp;
    return sdp.split("\r\n").filter(line => line.startsWith("m=") || line.startsWith("a=rtpmap") || line.startsWith("a=mid"));
  });
  summary.firstFrameAfterConnectMs = times.frame && times.connected ? times.frame - times.connected : null;
  summary.tracks = times.tracks;

  const video = await page.$("#video");
  for (let i = 0; i < shots; i++) {
    const due = Date.now() + intervalMs;
    const file = `frame-${String(i).padStart(2, "0")}.png`;
    const state = await videoState(page);
    await video.screenshot({ path: join(out, file) });
    summary.screenshots.push({ file, ...state });
    await new Promise(r => setTimeout(r, Math.max(0, due - Date.now())));
  }

  // The receivers know the sender's clock once its first RTCP sender reports have come (1-3 s).
  await waitFor("playout times for sound and picture", 15000, async () => {
    const sample = await syncSample(page);
    return sample.audio !== null && sample.video !== null;
  });
  for (let i = 0; i < 40; i++) {
    const due = Date.now() + 100;
    const sample = await syncSample(page);
    summary.codecs = sample.codecs;
    summary.sync.push(sample.audio !== null && sample.video !== null ? sample.audio - sample.video : null);
    (summary.behindNow ??= []).push({ audio: sample.nowNtp - sample.audio, video: sample.nowNtp - sample.video });
    await new Promise(r => setTimeout(r, Math.max(0, due - Date.now())));
  }
  summary.latencyLine = await page.$eval("#latency", element => element.textContent);

  await page.click("#stop");
  await waitFor("the done line", timeoutMs, async () => (await statuses(page)).some(s => s.type === "done"));
  summary.statuses = await statuses(page);
  summary.done = summary.statuses.find(s => s.type === "done");
  summary.log = await page.$eval("#log", element => element.textContent);
  await page.screenshot({ path: join(out, "page.png"), fullPage: true });
  if (summary.console.length) throw new Error("console errors: " + summary.console.join(" | "));
  summary.ok = true;
} catch (error) {
  summary.failure = String(error && error.message || error);
} finally {
  writeFileSync(join(out, "summary.json"), JSON.stringify(summary, null, 2));
  if (browser) await browser.close().catch(() => {});
}
if (!summary.ok) fail(summary.failure + ` (details in ${join(out, "summary.json")})`);
console.log(`live-webrtc: ${summary.screenshots.length} screenshots and summary.json in ${out}`);
