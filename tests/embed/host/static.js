// No bundler: the package copied to a static folder, imported by its path (as from a CDN).
import { mount } from '/static/ossbatch-builder/index.js';

const violations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
window.host = { mount, violations, ready: true };

