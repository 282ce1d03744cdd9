/**
 * The shape shared by commands and events, compatible with Emmett's `Command` and `Event`
 * (`{ type, data }`) without importing it, so the domain stays free of infrastructure.
 */
export type Message<Type extends string, Data> = Readonly<{
  type: Type;
  data: Readonly<Data>;
}>;
