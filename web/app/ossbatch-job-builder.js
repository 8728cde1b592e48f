// <ossbatch-job-builder> for pages written for the first embed: defines the element from the
// ossbatch-builder package (index.js), which is the one way to mount the builder.
import { defineElement, mount } from './index.js';

defineElement();
export { defineElement, mount };
