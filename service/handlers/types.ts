import type { Method, Output, ParsedInput } from '../../shared/contract/methods';
import type { ServiceContext } from '../context';

export type Handler<M extends Method> = (ctx: ServiceContext, input: ParsedInput<M>) => Promise<Output<M>>;

/** A domain's slice of the handler map; all slices together must cover every method. */
export type HandlerSlice<K extends Method> = { [M in K]: Handler<M> };
