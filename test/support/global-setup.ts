/** Global test setup: nothing shared yet beyond what each tier sets up itself. */
export default function setup(): void {}
