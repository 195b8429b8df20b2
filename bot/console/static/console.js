// Join us console: the only script, served by us (CSP script-src 'self').
(function () {
  "use strict";
  // Inside Telegram, the Mini App's signed launch data arrive in the URL fragment
  // (tgWebAppData). The server checks the signature and opens a session; no Telegram script.
  function telegramInitData() {
    var hash = window.location.hash.slice(1);
    if (!hash) return "";
    var params = new URLSearchParams(hash);
    return params.get("tgWebAppData") || "";
  }
  function miniAppLogin() {
    var initData = telegramInitData();
    if (!initData) return;
    var status = document.getElementById("miniapp-status");
    if (status) status.hidden = false;
    var body = new URLSearchParams();
    body.set("init_data", initData);
    fetch("/auth/telegram", { method: "POST", body: body, credentials: "same-origin" })
      .then(function (r) { return r.json().then(function (j) { return [r.ok, j]; }); })
      .then(function (res) {
        if (res[0]) { window.location.replace("/"); return; }
        if (status) status.textContent = res[1].error || "Inloggen lukte niet.";
      })
      .catch(function () { if (status) status.textContent = "Geen verbinding. Probeer het opnieuw."; });
  }
  function confirmForms() {
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    if (document.getElementById("miniapp-status")) miniAppLogin();
    confirmForms();
  });
})();
