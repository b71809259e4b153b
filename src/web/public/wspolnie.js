// Progressive enhancement only: every page works without this script.
(function () {
  'use strict';
  // 1. Documents being prepared: poll their status and show the download link when READY.
  var poll = document.querySelector('[data-poll]');
  var announce = document.getElementById('ogloszenia');
  if (poll) {
    var url = poll.getAttribute('data-poll');
    var tries = 0;
    var tick = function () {
      tries += 1;
      fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (body) {
          if (!body) return;
          var pending = false;
          body.items.forEach(function (d) {
            document.querySelectorAll('[data-doc-status="' + d.id + '"]').forEach(function (el) {
              if (el.textContent !== d.statusLabel) {
                el.textContent = d.statusLabel;
                if (d.status === 'READY' && announce) announce.textContent = 'Dokument jest gotowy do pobrania.';
              }
            });
            document.querySelectorAll('[data-doc-download="' + d.id + '"]').forEach(function (a) {
              a.hidden = d.status !== 'READY';
            });
            if (d.status === 'QUEUED' || d.status === 'RENDERING') pending = true;
            if (d.status === 'READY') {
              document.querySelectorAll('[data-bundle]').forEach(function (b) { b.hidden = false; });
            }
          });
          if (pending && tries < 150) setTimeout(tick, 2000);
        })
        .catch(function () { if (tries < 150) setTimeout(tick, 5000); });
    };
    setTimeout(tick, 1000);
  }
  // 2. Idle timeout: warn two minutes before the session ends (WCAG 2.2.1).
  var session = document.getElementById('sesja');
  if (session) {
    var expires = Date.parse(session.getAttribute('data-expires'));
    var warning = session.querySelector('.session__warning');
    var warnAt = expires - 120000 - Date.now();
    var show = function () {
      warning.hidden = false;
      warning.textContent = 'Za mniej niż 2 minuty sesja wygaśnie z powodu bezczynności. Aby pracować dalej, wybierz „Przedłuż sesję”.';
    };
    if (warnAt <= 0) show(); else setTimeout(show, Math.min(warnAt, 2147483000));
    setTimeout(function () {
      warning.hidden = false;
      warning.textContent = 'Sesja wygasła. Zaloguj się ponownie; niezapisane dane formularza trzeba będzie wpisać jeszcze raz.';
    }, Math.max(0, Math.min(expires - Date.now(), 2147483000)));
  }
})();
