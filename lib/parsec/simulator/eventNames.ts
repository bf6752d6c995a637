/** Event names interned to small integers, so the store keeps two bytes per event for its name. */
export class EventNames {
  private readonly byName = new Map<string, number>();
  private readonly names: string[] = [];

  indexOf(name: string): number {
    let index = this.byName.get(name);
    if (index === undefined) {
      index = this.names.length;
      if (index > 0xffff) throw new Error("too many distinct event names");
      this.names.push(name);
      this.byName.set(name, index);
    }
    return index;
  }

  /** Index of a known name, or -1 (for filters: an unknown name matches nothing). */
  find(name: string): number {
    return this.byName.get(name) ?? -1;
  }

  get size(): number {
    return this.names.length;
  }
}
