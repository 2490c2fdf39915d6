/** Any function value: inspect prints functions of every signature. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- the one place the broad type is named
export type AnyFunction = Function;
