// The host console's script, bundled by webpack 5 from the installed ossbatch-builder tarball. The
// tests drive it through window.host (mount with any options, count transport calls and events).
import { mount, defineElement } from 'ossbatch-builder';

const violations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});

defineElement();
window.host = { mount, defineElement, violations, ready: true };
document.documentElement.dataset.hostReady = 'true';
