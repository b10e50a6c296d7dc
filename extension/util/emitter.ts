/** A minimal event emitter for modules that do not import vscode (same shape as vscode.Event). */
export type Listener<T> = (value: T) => void;
export interface Subscription {
  dispose(): void;
}
export type Event<T> = (listener: Listener<T>) => Subscription;

export class Emitter<T> {
  private readonly _listeners = new Set<Listener<T>>();

  readonly event: Event<T> = (listener) => {
    this._listeners.add(listener);
    return { dispose: () => this._listeners.delete(listener) };
  };

  fire(value: T): void {
    for (const listener of [...this._listeners]) listener(value);
  }

  dispose(): void {
    this._listeners.clear();
  }
}
