/** A problem path as people read it: ["nodes","is_eu","rules",0,"value"] → $.nodes.is_eu.rules[0].value */
export function formatJsonPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((out, step) => {
    if (typeof step === 'number') return `${out}[${step}]`;
    return /^[A-Za-z_$][\w$]*$/.test(step) ? `${out}.${step}` : `${out}[${JSON.stringify(step)}]`;
  }, '$');
}
