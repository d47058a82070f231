// A stand-in for an audience-measurement tag: it only runs once "analytics" is granted.
window.demoTracker('Mesure d’audience (faux Google Analytics)', '_ga=GA1.1.' + Math.floor(Math.random() * 1e9));
document.cookie = '_ga_DEMO=GS1.1.' + Date.now() + '; path=/; max-age=3600';
