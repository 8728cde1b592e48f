// A React console embedding the builder three ways, under <React.StrictMode> (development build):
//   ?pattern=promise    keep mount()'s promise, destroy on cleanup (the README's example)
//   ?pattern=short      let h; mount(…).then(x => h = x); return () => h?.destroy()
//   ?pattern=component  <OssbatchBuilder> from ossbatch-builder/react, its ref the handle
// window.app.toggle() mounts or unmounts the part holding the widget; window.app.count() says how
// many widgets are in the page and how many builders are live (mountedCount()).
import { StrictMode, createElement as h, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { mount, mountedCount } from 'ossbatch-builder';
import { OssbatchBuilder } from 'ossbatch-builder/react';

const pattern = new URLSearchParams(location.search).get('pattern') ?? 'promise';
const rejections = [];
window.addEventListener('unhandledrejection', (event) => rejections.push(String(event.reason?.message ?? event.reason)));
const errors = [];
const options = { region: 'cn-hangzhou', lang: 'en', onError: (e) => errors.push(e.message) };

function KeepThePromise() {
  const slot = useRef(null);
  useEffect(() => {
    const mounting = mount(slot.current, options);
    return () => {
      mounting.then((builder) => builder.destroy());
    };
  }, []);
  return h('div', { ref: slot, className: 'slot' });
}

function Short() {
  const slot = useRef(null);
  useEffect(() => {
    let builder;
    mount(slot.current, options).then((x) => (builder = x));
    return () => builder?.destroy();
  }, []);
  return h('div', { ref: slot, className: 'slot' });
}

let handle = null;
function Component() {
  const [lang, setLang] = useState('en');
  window.app.setLang = setLang;
  return h(OssbatchBuilder, {
    className: 'slot',
    region: 'cn-hangzhou',
    lang,
    onError: options.onError,
    ref: (value) => (handle = value),
  });
}

function App() {
  const [shown, setShown] = useState(true);
  window.app.toggle = () => setShown((s) => !s);
  const Part = { promise: KeepThePromise, short: Short, component: Component }[pattern];
  return h('main', null, shown ? h(Part) : null);
}

window.app = {
  pattern,
  rejections,
  errors,
  handle: () => handle,
  count: () => ({
    widgets: [...document.querySelectorAll('.slot')].reduce(
      (n, slot) => n + (slot.shadowRoot?.querySelectorAll('.ossbatch-root').length ?? 0), 0),
    live: mountedCount(),
  }),
};
createRoot(document.getElementById('root')).render(h(StrictMode, null, h(App)));
window.app.ready = true;
