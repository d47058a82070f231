// A stand-in for Google Analytics 4: it only runs once the "ga4" service (analytics) is granted.
window.demoTracker('Mesure d’audience (faux Google Analytics)', '_ga=GA1.1.' + Math.floor(Math.random() * 1e9));
document.cookie = '_ga_DEMO=GS1.1.' + Date.now() + '; path=/; max-age=3600';
