/** Something that happened to a record, for whatever reacts to state changes (notifications, reporting, the matcher). */
export interface DomainEvent {
  /** `<entity>.<EVENT>`, e.g. `challenge.PUBLISH`. */
  name: string;
  recordId: string;
  at: Date;
}

/** Where services report domain events once their write has landed. */
export interface EventSink {
  publish(event: DomainEvent): void;
}
