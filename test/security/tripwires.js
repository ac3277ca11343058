// Tripwires for the XSS corpus pages, loaded as a classic script before any widget code (corpus
// README, "Hit criteria"): anything that calls them, and any script error, is evidence that
// injected script ran. Collected in window.__xss. Requests the page's Content Security Policy
// blocked (to other origins) are collected in window.__blocked.
window.__xss = [];
window.__blocked = [];
(function () {
  const trip = (fn) =>
    function () {
      window.__xss.push({ fn, arg: String(arguments[0]).slice(0, 120) });
    };
  for (const fn of ['alert', 'confirm', 'prompt', 'print', 'shadowlabs', 'RWAR', 'ok', '__parleyXss'])
    window[fn] = trip(fn);
  document.write = trip('document.write');
  document.writeln = trip('document.writeln');
  for (const name of ['xssed', '__clob']) {
    Object.defineProperty(window, name, { configurable: true, get: () => undefined, set: trip(name) });
  }
  addEventListener(
    'error',
    (e) => {
      if (e instanceof ErrorEvent) window.__xss.push({ fn: 'error', arg: String(e.message).slice(0, 120) });
    },
    true,
  );
  addEventListener('securitypolicyviolation', (e) => window.__blocked.push(String(e.blockedURI).slice(0, 200)), true);
  // Links are not followed (a click is still a click for the page's own handlers).
  addEventListener(
    'click',
    (e) => {
      if (e.composedPath().some((n) => n.localName === 'a')) e.preventDefault();
    },
    true,
  );
})();
