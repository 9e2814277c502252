/** How the facts-<area>.ts parts of the model read a resolved property value. */
import type { Json } from '../../../../src/lib/iac/model';

export type Props = Record<string, Json>;

/** A nested property as an object; {} when it is absent or not one. */
export const object = (value: Json | undefined): Props => (value && typeof value === 'object' && !Array.isArray(value) ? value : {});
/** A boolean property that is set: CloudFormation may write it as the string "true". */
export const on = (value: Json | undefined) => value === true || value === 'true';
export const given = (value: Json | undefined) => value !== undefined && value !== null;
