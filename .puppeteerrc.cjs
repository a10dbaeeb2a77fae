// Never download a browser: this machine reaches no browser host. Tests drive Debian's Chromium.
module.exports = {
  skipDownload: true,
  executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium',
};
