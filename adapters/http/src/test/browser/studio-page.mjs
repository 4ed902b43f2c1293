// Makes a video through the studio page (GET /) in headless Chromium, as a person would: chooses the
// photo (and waits for the face check), chooses the speech, picks 256 x 256, presses Render, watches
// the progress bar to its end, waits for the video to play in the page, screenshots the page and
// downloads the MP4 through the page's link. Writes studio.png, studio-download.mp4 and
// studio-summary.json into --out; the Java test (LivePageBrowserTest) judges them.
//
//   node studio-page.mjs --url http://127.0.0.1:8080/ --photo face.png --wav speech.wav --out dir
//        [--chromium /usr/bin/chromium] [--timeout-ms 120000]
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
    "timeout-ms": { type: "string", default: "120000" },
  },
});
for (const name of ["url", "photo", "wav", "out"]) {
  if (!options[name]) {
    console.error(`studio-page: --${name} is required`);
    process.exit(1);
  }
}
const timeoutMs = Number(options["timeout-ms"]);
const out = resolve(options.out);
mkdirSync(out, { recursive: true });
const summary = { progress: [], photoStatus: null, state: null, error: null, video: null, download: null,
  pageErrors: [], console: [], ok: false, failure: null };

let browser;
try {
  browser = await chromium.launch({ executablePath: options.chromium, headless: true, timeout: timeoutMs,
    args: ["--disable-gpu", "--no-first-run", "--autoplay-policy=no-user-gesture-required"] });
  // A phone-sized viewport: the page must work there too.
  const page = await (await browser.newContext({ viewport: { width: 420, height: 1400 } })).newPage();
  page.setDefaultTimeout(timeoutMs);
  page.on("pageerror", error => summary.pageErrors.push(String(error)));
  page.on("console", message => { if (message.type() === "error") summary.console.push(message.text()); });
  await page.goto(options.url);

  await page.setInputFiles("#s-photo", resolve(options.photo));
  await page.waitForFunction(() => /Face found|cannot be used/.test(document.getElementById("s-photo-status").textContent));
  summary.photoStatus = await page.textContent("#s-photo-status");
  await page.setInputFiles("#s-audio", resolve(options.wav));
  await page.selectOption("#s-size", "256");
  // Keyboard: focus the button and press Enter, as a keyboard user would.
  await page.focus("#s-render");
  await page.keyboard.press("Enter");

  const until = Date.now() + timeoutMs;
  for (;;) {
    const now = await page.evaluate(() => ({
      value: document.getElementById("s-progress").value,
      state: document.getElementById("s-state").textContent,
      error: document.getElementById("s-error").textContent,
      done: !document.getElementById("s-done").hidden,
    }));
    if (summary.progress.length === 0 || summary.progress[summary.progress.length - 1] !== now.value) {
      summary.progress.push(now.value);
    }
    summary.state = now.state;
    summary.error = now.error;
    if (now.done || now.error) break;
    if (Date.now() > until) throw new Error("timed out waiting for the render: " + now.state);
    await new Promise(r => setTimeout(r, 50));
  }
  if (summary.error) throw new Error("the page shows an error: " + summary.error);
  await page.waitForFunction(() => {
    const v = document.getElementById("s-result");
    return v.readyState >= 2 && v.duration > 0;
  });
  summary.video = await page.$eval("#s-result", v => ({ duration: v.duration, width: v.videoWidth, height: v.videoHeight,
    src: v.getAttribute("src") }));
  await page.$eval("#s-result", v => { v.currentTime = Math.min(2, v.duration / 2); });
  await page.waitForFunction(() => {
    const v = document.getElementById("s-result");
    return !v.seeking && v.readyState >= 3;
  });
  // Chromium's loading spinner fades out after the seek; the screenshot should show the frame.
  await new Promise(r => setTimeout(r, 800));
  await page.screenshot({ path: join(out, "studio.png"), fullPage: true });
  const link = await page.$eval("#s-download", a => ({ href: a.getAttribute("href"), download: a.getAttribute("download"),
    text: a.textContent }));
  const bytes = await page.evaluate(async href => {
    const response = await fetch(href);
    return [...new Uint8Array(await response.arrayBuffer())];
  }, link.href);
  writeFileSync(join(out, "studio-download.mp4"), Buffer.from(bytes));
  summary.download = { ...link, bytes: bytes.length };
  summary.ok = true;
} catch (error) {
  summary.failure = String(error && error.stack || error);
} finally {
  writeFileSync(join(out, "studio-summary.json"), JSON.stringify(summary, null, 2));
  if (browser) await browser.close();
}
if (!summary.ok) {
  console.error("studio-page: " + summary.failure);
  process.exit(1);
}
