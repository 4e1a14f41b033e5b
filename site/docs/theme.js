// Runs in <head> before the page paints: applies the theme chosen in the
// playground or here (same storage key as site/theme.js), so a reader who
// picked dark never sees a flash of light. A classic script, since module
// scripts are deferred.
(function () {
  try {
    var t = localStorage.getItem('iamlab.theme');
    if (t === 'light' || t === 'dark') document.documentElement.dataset.theme = t;
  } catch (e) {}
})();
