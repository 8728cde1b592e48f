// ossbatch-builder/react: the builder as a React component (React 18 and 19), StrictMode-safe.
//
//   import { OssbatchBuilder } from 'ossbatch-builder/react';
//   <OssbatchBuilder region="cn-hangzhou" credentials={provider} onChange={save} ref={handleRef} />
//
// The ref is the builder's handle (getRequest, setRequest, validate, …; null until mounted). Props
// are mount()'s options plus `className` and `style` for the host element. Callbacks, `credentials`
// and `fetch` are read from the latest props on each call, so inline functions never remount the
// widget; `region`, `lang`, `appearance` and `request` are applied to the mounted widget when they
// change; `tabs`, `proxyUrl`, `readOnly`, `persist`, `standalone`, and whether `credentials` or
// `fetch` is given at all, mount it again (with the request it has). No JSX: the module is plain
// JavaScript and imports only `react` and the package itself, so it loads in Node without a DOM.
import { createElement, forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { mount } from './index.js';

const CALLBACKS = ['onChange', 'onSubmitted', 'onJobUpdated', 'onError'];

export const OssbatchBuilder = forwardRef(function OssbatchBuilder(props, ref) {
  const { className, style, ...options } = props;
  const host = useRef(null);
  const latest = useRef(options);
  latest.current = options;
  const [handle, setHandle] = useState(null);
  // The request the widget was last given (by a mount or setRequest), to tell a changed prop.
  const applied = useRef(undefined);
  // The request as the widget last reported it (kept across a remount with other options).
  const handleState = useRef({}).current;
  useImperativeHandle(ref, () => handle, [handle]);

  const remountKey = JSON.stringify([
    options.tabs ?? null,
    options.proxyUrl ?? null,
    options.readOnly ?? null,
    options.persist ?? null,
    options.standalone ?? null,
    typeof options.credentials === 'function',
    typeof options.fetch === 'function',
  ]);

  useEffect(() => {
    const given = latest.current;
    const mountOptions = {};
    for (const key of ['region', 'lang', 'tabs', 'proxyUrl', 'readOnly', 'persist', 'standalone', 'appearance', 'request']) {
      if (given[key] !== undefined) mountOptions[key] = given[key];
    }
    if (mountOptions.request === undefined && handleState.request !== undefined) mountOptions.request = handleState.request;
    if (typeof given.credentials === 'function') mountOptions.credentials = (...a) => latest.current.credentials(...a);
    if (typeof given.fetch === 'function') mountOptions.fetch = (...a) => latest.current.fetch(...a);
    for (const name of CALLBACKS) {
      mountOptions[name] = (...a) => {
        if (name === 'onChange') handleState.request = a[0];
        return latest.current[name]?.(...a);
      };
    }
    applied.current = JSON.stringify(mountOptions.request ?? null);
    const mounting = mount(host.current, mountOptions);
    let current = null;
    mounting.then(
      (mounted) => {
        if (mounted.destroyed) return;
        current = mounted;
        setHandle(mounted);
      },
      (error) => latest.current.onError?.({ source: 'mount', message: String(error?.message ?? error) }),
    );
    return () => {
      // Keep the request for a remount with other options (not for an unmount: that is the end).
      if (current && !current.destroyed) handleState.request = current.getRequest();
      mounting.destroy();
      setHandle((h) => (h === current ? null : h));
    };
    // remountKey says when to mount again; everything else is read from `latest`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [remountKey]);

  useEffect(() => {
    if (!handle || handle.destroyed) return;
    if (options.region !== undefined) handle.setRegion(options.region);
  }, [handle, options.region]);
  useEffect(() => {
    if (!handle || handle.destroyed) return;
    if (options.lang !== undefined) handle.setLang(options.lang);
  }, [handle, options.lang]);
  useEffect(() => {
    if (!handle || handle.destroyed) return;
    if (options.appearance !== undefined) handle.setAppearance(options.appearance);
  }, [handle, options.appearance]);
  useEffect(() => {
    if (!handle || handle.destroyed || options.request === undefined) return;
    const text = JSON.stringify(options.request);
    if (text !== applied.current && text !== JSON.stringify(handle.getRequest())) {
      applied.current = text;
      handle.setRequest(options.request);
    }
  }, [handle, options.request]);

  return createElement('div', { ref: host, className, style });
});
