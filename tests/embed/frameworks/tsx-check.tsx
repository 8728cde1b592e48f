// tsc --strict over the React entry: the props are mount()'s options, the ref is the handle.
import { createRef, createElement } from 'react';
import { OssbatchBuilder, type BuilderHandle } from 'ossbatch-builder/react';

const ref = createRef<BuilderHandle | null>();
export const element = createElement(OssbatchBuilder, {
  ref,
  region: 'cn-hangzhou',
  lang: 'zh',
  className: 'builder',
  style: { height: 600 },
  onChange: (request, issues) => console.log(request.Priority, issues.length),
  onError: (error) => console.log(error.source, error.status),
  fetch: async (request) => fetch(request.url, { method: request.method, headers: request.headers }),
});
export const requestOf = (): number | undefined => ref.current?.getRequest().Priority;
export const destroyed = (): boolean => ref.current?.destroyed ?? true;
