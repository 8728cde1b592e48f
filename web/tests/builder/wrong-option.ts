// Negative case: this file must NOT compile (scripts/test-npm.sh checks tsc fails on it, naming the
// option). A region is a string, tabs are 'builder' | 'jobs', and options are a closed set.
import { mount } from 'ossbatch-builder';

export async function wrong(element: Element): Promise<void> {
  await mount(element, { region: 42 });
}
