// A Vue 3 console embedding the builder through its custom element (<ossbatch-job-builder>), shown
// and hidden with v-if semantics (a render function: no template compiler needed under the CSP).
import { createApp, h, ref } from 'vue';
import { defineElement, mountedCount } from 'ossbatch-builder';

defineElement();
const rejections = [];
window.addEventListener('unhandledrejection', (event) => rejections.push(String(event.reason?.message ?? event.reason)));
const shown = ref(true);
const app = createApp({
  setup() {
    return () => h('main', null, shown.value
      ? [h('ossbatch-job-builder', { region: 'cn-hangzhou', lang: 'en', class: 'slot' })]
      : []);
  },
});
app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith('ossbatch-');
app.mount('#root');
window.app = {
  rejections,
  toggle: () => (shown.value = !shown.value),
  count: () => ({
    widgets: [...document.querySelectorAll('ossbatch-job-builder')].reduce(
      (n, el) => n + (el.shadowRoot?.querySelectorAll('.ossbatch-root').length ?? 0), 0),
    live: mountedCount(),
  }),
  ready: true,
};
