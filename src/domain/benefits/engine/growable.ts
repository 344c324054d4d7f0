/** Typed-array columns that grow as rows are added (the engine's storage; one per run, never shared). */
type TypedArray = Int32Array | Float64Array | Uint8Array;
type Ctor<T extends TypedArray> = new (length: number) => T;

export class Column<T extends TypedArray> {
  a: T;
  n = 0;
  constructor(
    private readonly ctor: Ctor<T>,
    capacity = 16,
  ) {
    this.a = new ctor(Math.max(capacity, 1));
  }

  push(value: number): number {
    if (this.n === this.a.length) this.reserve(this.n + 1);
    this.a[this.n] = value;
    return this.n++;
  }

  /** Room for `length` values without another copy. */
  reserve(length: number): void {
    if (length <= this.a.length) return;
    const next = new this.ctor(Math.max(length, this.a.length * 2));
    next.set(this.a as never);
    this.a = next;
  }
}

export const ints = (capacity?: number) => new Column(Int32Array, capacity);
export const floats = (capacity?: number) => new Column(Float64Array, capacity);
export const bytes = (capacity?: number) => new Column(Uint8Array, capacity);
