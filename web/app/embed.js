// The host page's own script (web/app/embed.html): defines the element and logs its changes.
import { defineElement } from './index.js';

defineElement();
document.getElementById('builder').addEventListener('change', (event) => {
  document.getElementById('host-log').textContent = JSON.stringify(event.detail.request);
});
