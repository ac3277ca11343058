// Debian's browsers only: puppeteer must never download one (there is no network for it here).
module.exports = { skipDownload: true };
