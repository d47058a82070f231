// A stand-in for an advertising pixel: it only runs once "marketing" is granted.
window.demoTracker('Pixel publicitaire (faux Meta)', '_fbp=fb.1.' + Date.now());
