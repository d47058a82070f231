// A stand-in for the Meta pixel: it only runs once the "meta" service (marketing) is granted.
window.demoTracker('Pixel publicitaire (faux Meta)', '_fbp=fb.1.' + Date.now());
