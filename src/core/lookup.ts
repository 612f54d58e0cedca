/**
 * Reading a table by text that came from a backend. `table[key]` is not safe for such keys: `__proto__`,
 * `constructor`, `toString`, `hasOwnProperty` or `valueOf` find `Object.prototype`'s members (an object or
 * a function) instead of "no entry" — React then throws "Objects are not valid as a React child", a
 * status table yields a function, a CSV cell goes blank. Every lookup keyed by backend text goes through
 * {@link lookup}.
 */

/**
 * The entry `table` holds under `key` as its **own** property, else `undefined` — never something inherited
 * from the prototype. A `key` that is not a string finds nothing.
 *
 * @example
 * lookup({ captured: 'Captured' }, 'captured')    // 'Captured'
 * lookup({ captured: 'Captured' }, 'constructor') // undefined (not Object)
 * lookup({ captured: 'Captured' }, '__proto__')   // undefined (not Object.prototype)
 */
export function lookup<Value>(table: Readonly<Record<string, Value>> | undefined, key: unknown): Value | undefined {
  return table !== undefined && typeof key === 'string' && Object.hasOwn(table, key) ? table[key] : undefined;
}
