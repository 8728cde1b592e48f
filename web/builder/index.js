// ossbatch-builder: the OSS Batch Operations job builder as a widget for any page.
//
//   import { mount } from 'ossbatch-builder';
//   const builder = await mount(element, { credentials, fetch, region: 'cn-hangzhou' });
//   builder.destroy();
//
// mount() and destroy() are safe in any order and number: the last mount on an element wins, and
// the promise mount() returns has destroy() too (it cancels a mount that has not resolved).
//
// The widget renders in an open shadow root on `element`, with its stylesheet adopted there (no
// global CSS, nothing inline: it runs under `style-src 'self'`). The wasm loads on the first mount
// and is shared by every later one. Types: index.d.ts. Guide: README.md.
import init, { mountBuilder, setManifestWorkerUrl, setReportWorkerUrl, setPageReportUrl, setPlanModuleUrl } from './ossbatch-app.js';
import styleText from './style.js';

/** Every option `mount` takes; any other key is a TypeError naming it. */
const OPTIONS = {
  credentials: 'function',
  fetch: 'function',
  proxyUrl: 'string',
  region: 'string',
  request: 'object',
  lang: 'string',
  tabs: 'array',
  readOnly: 'boolean',
  persist: 'boolean',
  appearance: 'object',
  onChange: 'function',
  onSubmitted: 'function',
  onJobUpdated: 'function',
  onError: 'function',
  // The widget is the whole page (the standalone builder): share links, <html lang>, storage.
  standalone: 'boolean',
  // Cancels the mount (or destroys the builder) when it aborts.
  signal: 'object',
};

/** `appearance.variables` keys and the custom property each sets (hosts may set them in CSS too). */
const VARIABLES = {
  accent: '--ossbatch-accent',
  background: '--ossbatch-background',
  text: '--ossbatch-text',
  danger: '--ossbatch-danger',
  fontFamily: '--ossbatch-font-family',
  fontSize: '--ossbatch-font-size',
  radius: '--ossbatch-radius',
  spacing: '--ossbatch-spacing',
};
/** Variables that are lengths: a number means pixels. */
const LENGTHS = new Set(['fontSize', 'radius', 'spacing']);
const COLOR_SCHEMES = ['light', 'dark', 'auto'];

let loading = null;
/** Loads the wasm once; every mount shares it. */
function load() {
  loading ??= init({ module_or_path: new URL('./ossbatch-app_bg.wasm', import.meta.url) }).then(() => {
    setManifestWorkerUrl(new URL('./manifest-reader-worker.js', import.meta.url).href);
    setReportWorkerUrl(new URL('./report-reader-worker.js', import.meta.url).href);
    // Loaded when first used; each file named here so that bundlers emit it (as an asset).
    setPageReportUrl(new URL('./ossbatch_report_page.js', import.meta.url).href,
      new URL('./ossbatch_report_page_bg.wasm', import.meta.url).href);
    setPlanModuleUrl(new URL('./ossbatch_plan.js', import.meta.url).href,
      new URL('./ossbatch_plan_bg.wasm', import.meta.url).href);
  });
  return loading;
}

let sheet = null;
/** One constructed stylesheet for every widget (constructable stylesheets need no 'unsafe-inline'). */
function stylesheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(styleText);
  }
  return sheet;
}

const kind = (value) => (Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value);

function checkOptions(fn, options) {
  if (options === undefined || options === null) return {};
  if (kind(options) !== 'object') throw new TypeError(`ossbatch-builder: ${fn}: options must be an object`);
  for (const [key, value] of Object.entries(options)) {
    const expected = OPTIONS[key];
    if (!expected) {
      throw new TypeError(`ossbatch-builder: ${fn}: unknown option ${JSON.stringify(key)} (known: ${Object.keys(OPTIONS).join(', ')})`);
    }
    if (value !== undefined && value !== null && kind(value) !== expected) {
      throw new TypeError(`ossbatch-builder: ${fn}: options.${key} must be ${expected === 'array' ? 'an array' : `a ${expected}`}`);
    }
  }
  if (options.appearance) checkAppearance(fn, options.appearance);
  return options;
}

function checkAppearance(fn, appearance) {
  for (const key of Object.keys(appearance)) {
    if (key !== 'colorScheme' && key !== 'variables') {
      throw new TypeError(`ossbatch-builder: ${fn}: unknown appearance option ${JSON.stringify(key)} (known: colorScheme, variables)`);
    }
  }
  const { colorScheme, variables } = appearance;
  if (colorScheme !== undefined && !COLOR_SCHEMES.includes(colorScheme)) {
    throw new TypeError(`ossbatch-builder: ${fn}: appearance.colorScheme must be 'light', 'dark' or 'auto'`);
  }
  if (variables !== undefined) {
    if (kind(variables) !== 'object') throw new TypeError(`ossbatch-builder: ${fn}: appearance.variables must be an object`);
    for (const [key, value] of Object.entries(variables)) {
      if (!VARIABLES[key]) {
        throw new TypeError(`ossbatch-builder: ${fn}: unknown appearance variable ${JSON.stringify(key)} (known: ${Object.keys(VARIABLES).join(', ')})`);
      }
      const ok = typeof value === 'string' || (LENGTHS.has(key) && typeof value === 'number' && Number.isFinite(value));
      if (!ok) {
        throw new TypeError(`ossbatch-builder: ${fn}: appearance.variables.${key} must be a CSS value string${LENGTHS.has(key) ? ' or a number of pixels' : ''}`);
      }
    }
  }
}

/** Applies an appearance to the widget's root through the CSSOM (allowed under a strict CSP). */
function applyAppearance(root, appearance = {}) {
  root.dataset.colorScheme = appearance.colorScheme ?? 'auto';
  for (const [key, property] of Object.entries(VARIABLES)) {
    const value = appearance.variables?.[key];
    if (value === undefined) root.style.removeProperty(property);
    else root.style.setProperty(property, typeof value === 'number' ? `${value}px` : value);
  }
}

/**
 * Each element's latest mount. Mounts on one element form a queue where the last one wins: a new
 * mount cancels a pending one and destroys a live one, then waits for it to finish before it adds
 * its own root. So `mount()` and `destroy()` are safe in any order and number (React StrictMode
 * mounts, cleans up and mounts again at once; a framework may destroy before the mount resolved).
 */
const slots = new WeakMap();
/** Every live handle (for `mountedCount()`). */
const live = new Set();

/** One call of `mount`: cancelled before it resolved, or the handle it made. */
class MountRecord {
  cancelled = false;
  handle = null;
  settled = null;

  /** Ends this mount: a pending one resolves to a destroyed handle, a live one is destroyed. */
  end() {
    this.cancelled = true;
    this.handle?.destroy();
  }
}

class BuilderHandle {
  #raw;
  #root;
  #element;
  #shadow;
  #record;

  constructor(raw, root, element, shadow, record) {
    this.#raw = raw;
    this.#root = root;
    this.#element = element;
    this.#shadow = shadow;
    this.#record = record;
    if (raw) live.add(this);
  }

  #live(method) {
    if (!this.#raw) throw new Error(`ossbatch-builder: ${method}() after destroy()`);
    return this.#raw;
  }

  /** True once destroyed (or when its mount was cancelled before it resolved). */
  get destroyed() {
    return !this.#raw;
  }

  /** The current request (the `ossbatch` npm package's shape). */
  getRequest() {
    return this.#live('getRequest').getRequest();
  }

  /** Replaces the request; `onChange` is not called for it. */
  setRequest(request) {
    this.#live('setRequest').setRequest(request);
  }

  /** The current request's issues, as the `ossbatch` package's `validate` returns them. */
  validate() {
    return this.#live('validate').validate();
  }

  setLang(lang) {
    if (typeof lang !== 'string') throw new TypeError('ossbatch-builder: setLang(lang): lang must be a string');
    this.#live('setLang').setLang(lang);
  }

  setRegion(region) {
    if (typeof region !== 'string') throw new TypeError('ossbatch-builder: setRegion(region): region must be a string');
    this.#live('setRegion').setRegion(region);
  }

  /** Shows the builder and focuses the control for an issue's path (e.g. `Report.Bucket`). */
  focusIssue(path) {
    if (typeof path !== 'string') throw new TypeError('ossbatch-builder: focusIssue(path): path must be a string');
    this.#live('focusIssue').focusIssue(path);
  }

  /** Changes colours, fonts and sizes after mount. */
  setAppearance(appearance) {
    this.#live('setAppearance');
    checkAppearance('setAppearance', appearance ?? {});
    applyAppearance(this.#root, appearance ?? {});
  }

  /** Unmounts: removes every node, listener and timer the widget made. Mounting again works; a
   * second call does nothing. */
  destroy() {
    if (!this.#raw) return;
    const raw = this.#raw;
    this.#raw = null;
    live.delete(this);
    raw.destroy();
    raw.free();
    this.#root.remove();
    if (!this.#shadow.querySelector('.ossbatch-root')) {
      this.#shadow.adoptedStyleSheets = this.#shadow.adoptedStyleSheets.filter((s) => s !== sheet);
    }
    if (slots.get(this.#element) === this.#record) slots.delete(this.#element);
  }
}

/** How many builders are mounted on the page now (each `mount` that resolved and was not destroyed):
 * for hosts and tests that check nothing is left behind. */
export function mountedCount() {
  return live.size;
}

/**
 * Mounts a builder in `element` (in an open shadow root on it). Resolves to its handle; the
 * returned promise also has `destroy()`, which cancels a mount that has not resolved (it then
 * resolves to a destroyed handle) or destroys the builder it made. `options.signal` (an
 * AbortSignal) does the same. A later mount on the same element replaces this one the same way.
 * @param {Element} element
 * @param {import('./index.js').MountOptions} [options]
 * @returns {import('./index.js').MountPromise}
 */
export function mount(element, options) {
  const record = new MountRecord();
  const promise = mountInto(element, options, record);
  record.settled = promise.then(() => undefined, () => undefined);
  return Object.assign(promise, { destroy: () => record.end() });
}

async function mountInto(element, options, record) {
  if (!(element instanceof Element)) throw new TypeError('ossbatch-builder: mount(element): element must be a DOM Element');
  const { signal, ...checked } = checkOptions('mount', options);
  if (signal !== undefined && signal !== null && !(signal instanceof AbortSignal)) {
    throw new TypeError('ossbatch-builder: mount: options.signal must be an AbortSignal');
  }
  const previous = slots.get(element);
  slots.set(element, record);
  if (signal?.aborted) record.end();
  signal?.addEventListener('abort', () => record.end(), { once: true });
  // The element's earlier builder goes first (cancelled if pending, destroyed if live), so two
  // roots never share the element.
  if (previous) {
    previous.end();
    await previous.settled;
  }
  const cancelled = () => {
    if (slots.get(element) === record) slots.delete(element);
    return new BuilderHandle(null, null, element, null, record);
  };
  if (record.cancelled) return cancelled();
  try {
    await load();
  } catch (error) {
    if (slots.get(element) === record) slots.delete(element);
    throw error;
  }
  if (record.cancelled) return cancelled();
  const shadow = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  const style = stylesheet();
  if (!shadow.adoptedStyleSheets.includes(style)) shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, style];
  const root = document.createElement('div');
  root.className = 'ossbatch-root';
  applyAppearance(root, checked.appearance);
  shadow.append(root);
  const { appearance: _appearance, ...rest } = checked;
  let handle;
  try {
    handle = new BuilderHandle(mountBuilder(root, rest), root, element, shadow, record);
  } catch (error) {
    root.remove();
    if (slots.get(element) === record) slots.delete(element);
    throw error;
  }
  record.handle = handle;
  return handle;
}

/** Attributes of the custom element (values are strings; `read-only` is present or not). */
const ATTRIBUTES = ['region', 'lang', 'tabs', 'proxy-url', 'read-only', 'request'];

/**
 * Defines the custom element (`<ossbatch-job-builder>` unless named otherwise) and returns its class.
 * Attributes: region, lang, tabs ("builder jobs"), proxy-url, read-only, request (JSON). Properties:
 * request, credentials, fetch, appearance. Events (bubbling, composed CustomEvents): change
 * ({ request, issues }), submitted, jobupdated, error.
 */
export function defineElement(name = 'ossbatch-job-builder') {
  const existing = customElements.get(name);
  if (existing) return existing;
  class OssbatchJobBuilderElement extends HTMLElement {
    static observedAttributes = ATTRIBUTES;
    #handle = null;
    #mounting = null;
    #again = false;
    #properties = {};

    get request() {
      return this.#handle ? this.#handle.getRequest() : this.#properties.request;
    }
    set request(request) {
      this.#properties.request = request;
      if (this.#handle) this.#handle.setRequest(request);
    }
    /** The request as of the last change (kept for hosts written for the first embed). */
    get value() {
      return this.request;
    }
    get credentials() {
      return this.#properties.credentials;
    }
    set credentials(provider) {
      this.#properties.credentials = provider;
      this.#remount();
    }
    get fetch() {
      return this.#properties.fetch;
    }
    set fetch(transport) {
      this.#properties.fetch = transport;
      this.#remount();
    }
    get appearance() {
      return this.#properties.appearance;
    }
    set appearance(appearance) {
      this.#properties.appearance = appearance;
      if (this.#handle) this.#handle.setAppearance(appearance);
    }
    /** The mounted builder's handle (null until mounted). */
    get handle() {
      return this.#handle;
    }

    connectedCallback() {
      this.#remount();
    }
    disconnectedCallback() {
      this.#unmount();
    }
    attributeChangedCallback(attribute, before, after) {
      if (before === after) return;
      if (!this.#handle) {
        if (this.#mounting) this.#again = true;
        return;
      }
      if (attribute === 'region' && after !== null) this.#handle.setRegion(after);
      else if (attribute === 'lang' && after !== null) this.#handle.setLang(after);
      else if (attribute === 'request' && after !== null) this.#handle.setRequest(JSON.parse(after));
      else this.#remount();
    }

    #options() {
      const text = this.getAttribute('request');
      const tabs = this.getAttribute('tabs');
      const fire = (type) => (detail) => this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
      return {
        // A mounted widget's request was kept by #unmount, which runs first.
        request: this.#properties.request ?? (text ? JSON.parse(text) : undefined),
        region: this.getAttribute('region') ?? undefined,
        lang: this.getAttribute('lang') ?? undefined,
        tabs: tabs ? tabs.split(/[\s,]+/).filter(Boolean) : undefined,
        proxyUrl: this.getAttribute('proxy-url') ?? undefined,
        readOnly: this.hasAttribute('read-only'),
        credentials: this.#properties.credentials,
        fetch: this.#properties.fetch,
        appearance: this.#properties.appearance,
        onChange: (request, issues) => fire('change')({ request, issues }),
        onSubmitted: fire('submitted'),
        onJobUpdated: fire('jobupdated'),
        onError: fire('error'),
      };
    }

    #unmount() {
      const handle = this.#handle;
      this.#handle = null;
      if (handle && !handle.destroyed) {
        this.#properties.request = handle.getRequest();
        handle.destroy();
      }
    }

    // Mounting waits a microtask, so properties set right after the element is created are used;
    // a change of credentials, transport, tabs, proxy or read-only mounts again with the same request.
    #remount() {
      if (this.#mounting) {
        this.#again = true;
        return;
      }
      this.#mounting = Promise.resolve().then(async () => {
        try {
          this.#unmount();
          if (!this.isConnected) return;
          const options = this.#options();
          this.#handle = await mount(this, options);
        } catch (error) {
          this.dispatchEvent(new CustomEvent('error', {
            detail: { source: 'mount', message: String(error?.message ?? error) }, bubbles: true, composed: true,
          }));
        } finally {
          this.#mounting = null;
          if (this.#again) {
            this.#again = false;
            this.#remount();
          }
        }
      });
    }
  }
  customElements.define(name, OssbatchJobBuilderElement);
  return OssbatchJobBuilderElement;
}
