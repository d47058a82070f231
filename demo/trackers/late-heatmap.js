// A heat-map tag (Hotjar) inserted late by a (fake) tag manager: gated like the others, run once "hotjar" is granted.
window.demoTracker('Carte de chaleur (insérée tardivement)', '_hjid=' + Date.now());
