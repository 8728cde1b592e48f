// Types of ossbatch-builder/react (web/builder/react.js).
import type { CSSProperties, ForwardRefExoticComponent, RefAttributes } from 'react';
import type { BuilderHandle, MountOptions } from './index.js';

export type { BuilderHandle, MountOptions } from './index.js';

/** mount()'s options (without `signal`: the component's lifetime is its signal) and the host
 * element's `className` and `style`. */
export interface OssbatchBuilderProps extends Omit<MountOptions, 'signal'> {
  className?: string;
  style?: CSSProperties;
}

/** The builder as a React component; the ref is its handle (null until mounted). */
export declare const OssbatchBuilder: ForwardRefExoticComponent<OssbatchBuilderProps & RefAttributes<BuilderHandle | null>>;
