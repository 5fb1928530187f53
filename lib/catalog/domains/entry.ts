/** One allowed value of an attribute, as pickers show it: the normalised code and a human name. */
export interface DomainEntry {
  code: string;
  name: string;
}
