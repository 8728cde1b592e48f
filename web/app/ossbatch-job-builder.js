// <ossbatch-job-builder> — embed the ossbatch job builder in any page.
//
//   <script type="module" src="/ossbatch-job-builder.js"></script>
//   <ossbatch-job-builder region="cn-hangzhou" lang="zh" request='{"Priority": 5}'></ossbatch-job-builder>
//
// The element loads the builder's wasm module (served next to this file), mounts a builder into itself
// and fires a `change` CustomEvent with the current request (event.detail) on every edit.
import init, { mount } from './ossbatch-app.js';

let ready;
function load() {
  ready ??= init();
  return ready;
}

class OssbatchJobBuilder extends HTMLElement {
  async connectedCallback() {
    if (this.mounted) return;
    this.mounted = true;
    await load();
    const text = this.getAttribute('request');
    const request = text ? JSON.parse(text) : undefined;
    const region = this.getAttribute('region') ?? undefined;
    // The interface language: `en` or `zh`; without it, the visitor's browser languages decide.
    const lang = this.getAttribute('lang') ?? undefined;
    mount(this, {
      request,
      region,
      lang,
      onChange: (value) => {
        this.value = value;
        this.dispatchEvent(new CustomEvent('change', { detail: value, bubbles: true }));
      },
    });
  }
}

customElements.define('ossbatch-job-builder', OssbatchJobBuilder);
export { OssbatchJobBuilder, load as init, mount };
