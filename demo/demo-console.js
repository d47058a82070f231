// The live panel of the demo sites: what CidConsent.get() says, the events as
// they happen, what the fake trackers did, and the cookies the page holds.
(function () {
  // ?gpc=1 emulates a browser that sends Global Privacy Control (before the widget loads).
  if (new URLSearchParams(location.search).has('gpc')) {
    Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });
  }
  const panel = document.createElement('aside');
  panel.id = 'demo-console';
  panel.setAttribute('aria-label', 'Console de démonstration');
  panel.innerHTML = `
    <h2>CidConsent.get()</h2><pre id="demo-state">(widget pas encore chargé)</pre>
    <button type="button" data-cid-consent-open>show()</button><button type="button" id="demo-reset">reset()</button>
    <h2>Événements</h2><ol id="demo-events"></ol>
    <h2>Traceurs</h2><ol id="demo-trackers"></ol>
    <h2>document.cookie</h2><pre id="demo-cookies"></pre>
    <h2>dataLayer (Consent Mode, GTM)</h2><ol id="demo-datalayer"></ol>
    <h2>Global Privacy Control</h2>
    <p>${navigator.globalPrivacyControl ? 'Signal GPC envoyé\u00a0: «\u00a0Tout accepter\u00a0» laisse prospection et partenaires refusés.' : 'Signal GPC absent.'}
    <a href="?gpc=1">Simuler GPC</a> · <a href="?">sans GPC</a></p>`;
  const ready = () => document.body.append(panel);
  document.body ? ready() : document.addEventListener('DOMContentLoaded', ready);

  const $ = (id) => panel.querySelector('#' + id);
  const item = (list, text) => {
    const li = document.createElement('li');
    li.textContent = new Date().toLocaleTimeString('fr-FR') + ' ' + text;
    $(list).append(li);
  };
  const refresh = () => {
    if (window.CidConsent) $('demo-state').textContent = JSON.stringify(window.CidConsent.get(), null, 1);
    $('demo-cookies').textContent = document.cookie.split('; ').join('\n') || '(aucun)';
    const entries = (window.dataLayer || []).map((entry) =>
      entry.event ? `${entry.event} ${JSON.stringify(entry.cid_consent)} ${JSON.stringify(entry.cid_consent_services ?? {})}` : `gtag(${[...entry].map((a) => JSON.stringify(a)).join(', ')})`,
    );
    $('demo-datalayer').replaceChildren(...entries.map((text) => Object.assign(document.createElement('li'), { textContent: text })));
  };
  window.demoTracker = (name, cookie) => {
    document.cookie = cookie + '; path=/; max-age=3600';
    item('demo-trackers', `${name} chargé, pose ${cookie.split('=')[0]}`);
    refresh();
  };
  document.addEventListener('cid-consent-ready', () => (item('demo-events', 'cid-consent-ready'), refresh()));
  document.addEventListener('cid-consent-change', (e) => {
    const { granted, revoked } = e.detail;
    item('demo-events', `cid-consent-change +[${granted}] -[${revoked}]`);
    refresh();
  });
  panel.addEventListener('click', (e) => e.target.id === 'demo-reset' && window.CidConsent?.reset());
  setInterval(refresh, 1000);
})();
