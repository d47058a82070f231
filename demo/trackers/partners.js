// A stand-in for a partner-offers tag: it only runs once "partners" is granted.
window.demoTracker('Offres partenaires', 'partner_uid=' + Math.random().toString(36).slice(2));
