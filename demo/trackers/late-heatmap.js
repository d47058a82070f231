// A tag inserted late by a (fake) tag manager: gated like the others, run once analytics is granted.
window.demoTracker('Carte de chaleur (insérée tardivement)', '_hjid=' + Date.now());
