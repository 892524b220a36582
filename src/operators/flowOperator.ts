import type { RecordBatch } from 'apache-arrow';
import { map, type Observable } from 'rxjs';
import { planError } from '../errors.js';
import type { FlowOperator, StatefulStage, StatelessStage } from './stage.js';

/** Wraps a stateless stage as an RxJS operator that applies its kernel to each batch. */
export function statelessOperator(stage: StatelessStage): FlowOperator {
  const operator = (source: Observable<RecordBatch>) => source.pipe(map((batch) => stage.apply(batch)));
  return Object.assign(operator, { stage });
}

/** A stateful operator used outside a plan must be given its fitted state first. */
export type StatefulOperator<State> = FlowOperator & {
  /** The same operator with fitted state, usable in any RxJS pipe. */
  withState(state: State): FlowOperator;
};

export function statefulOperator<State>(stage: StatefulStage<State>): StatefulOperator<State> {
  const operator = () => {
    throw planError(
      'NOT_FITTED',
      `${stage.description} needs fitted state: run it inside a pipeline (flow fit / flow run), or call .withState(state)`,
    );
  };
  return Object.assign(operator, {
    stage,
    withState: (state: State) => statelessOperator(stage.bind(state)),
  });
}
