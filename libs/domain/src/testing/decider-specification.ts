/**
 * Given/when/then for deciders, after Emmett's DeciderSpecification:
 * `given(history).when(command).then(events)` or `.thenRefused(code)`.
 * Uses jest's global `expect`, so it runs only inside specs.
 */
type Outcome<Event, Code extends string> =
  | { ok: true; events: Event[] }
  | { ok: false; refusal: { code: Code; message: string } };

export interface SpecifiedDecider<State, Command, Event, Code extends string> {
  decide: (command: Command, state: State) => Outcome<Event, Code>;
  evolve: (state: State, event: Event) => State;
  initialState: () => State;
}

export const DeciderSpecification = {
  for<State, Command, Event, Code extends string>(decider: SpecifiedDecider<State, Command, Event, Code>) {
    return (history: readonly Event[]) => ({
      when: (command: Command) => {
        const decide = () => decider.decide(command, history.reduce(decider.evolve, decider.initialState()));
        return {
          then: (expected: Event[]) => expect(decide()).toEqual({ ok: true, events: expected }),
          thenRefused: (code: Code) =>
            expect(decide()).toEqual({ ok: false, refusal: { code, message: expect.any(String) } }),
        };
      },
    });
  },
};
