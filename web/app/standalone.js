// The standalone builder page: the ossbatch-builder widget as the whole page (share links in the URL
// fragment, drafts and the language remembered in localStorage, <html lang> set).
import { mount } from './index.js';

mount(document.getElementById('app'), { standalone: true });
