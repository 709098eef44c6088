// Lighthouse over a list of pages, one fresh Debian chromium per page, one page at a time
// (two cores: parallel runs would throttle each other and skew the performance score).
//
//   node tests/browser/lighthouse.mjs PRESET OUTPUT_DIR NAME=URL [NAME=URL …]
//
// PRESET is "mobile" (Lighthouse's default config) or "desktop".  A URL that ends in
// "#form-error" is the article after a form error: the page is loaded, the comment form is
// sent empty (the browser's own checks switched off, as a reader without them would) and the
// page the server answers with is what Lighthouse measures.  Prints one JSON line per page:
// {name, url, scores: {category: 0–100}, failing: [audit ids under 1 that weigh], errors:
// [what went wrong, if the page could not be measured]}; writes each full report as
// NAME-PRESET.json into OUTPUT_DIR.
import fs from "node:fs";
import path from "node:path";

import * as chromeLauncher from "chrome-launcher";
import { desktopConfig, navigation } from "lighthouse";
import puppeteer from "puppeteer-core";

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
const [preset, outputDir, ...pages] = process.argv.slice(2);
const config = preset === "desktop" ? desktopConfig : undefined;
const flags = { onlyCategories: CATEGORIES, logLevel: "error" };

async function measure(url) {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
    chromeFlags: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
      "--no-first-run", "--disable-background-networking", "--disable-component-update",
      "--disable-sync"],
  });
  try {
    const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
    const page = await browser.newPage();
    let requestor = url;
    if (url.endsWith("#form-error")) {
      const article = url.replace(/#form-error$/, "");
      const answer = await page.goto(article, { waitUntil: "load" });
      if (!(await page.$("#write-comment form"))) {
        throw new Error(`no comment form on ${article} (HTTP ${answer && answer.status()})`);
      }
      requestor = async () => {
        await page.evaluate(() => {
          const form = document.querySelector("#write-comment form");
          form.noValidate = true;
          form.querySelector("textarea").value = "";
          form.requestSubmit();
        });
      };
    }
    const result = await navigation(page, requestor, { config, flags });
    await browser.disconnect();
    return result.lhr;
  } finally {
    await chrome.kill();
  }
}

fs.mkdirSync(outputDir, { recursive: true });
for (const spec of pages) {
  const name = spec.slice(0, spec.indexOf("="));
  const url = spec.slice(spec.indexOf("=") + 1);
  let lhr;
  try {
    lhr = await measure(url);
  } catch (error) {
    // One page's failure is that page's result (measured again by the test), not the run's.
    console.log(JSON.stringify({ name, url, scores: {}, failing: [], errors: [String(error)] }));
    continue;
  }
  fs.writeFileSync(path.join(outputDir, `${name}-${preset}.json`), JSON.stringify(lhr));
  const scores = Object.fromEntries(
    CATEGORIES.map((id) => [id, Math.round((lhr.categories[id]?.score ?? 0) * 100)]),
  );
  const weighed = new Set(
    CATEGORIES.flatMap((id) => lhr.categories[id].auditRefs.filter((r) => r.weight > 0).map((r) => r.id)),
  );
  const failing = Object.values(lhr.audits)
    .filter((audit) => weighed.has(audit.id) && audit.score !== null && audit.score < 1)
    .map((audit) => `${audit.id} ${audit.score}${audit.displayValue ? " " + audit.displayValue : ""}`);
  const errors = lhr.runtimeError ? [lhr.runtimeError.message] : [];
  console.log(JSON.stringify({ name, url: lhr.finalDisplayedUrl, scores, failing, errors }));
}
