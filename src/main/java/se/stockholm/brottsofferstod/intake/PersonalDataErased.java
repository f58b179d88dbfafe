package se.stockholm.brottsofferstod.intake;

/**
 * Published after personal data was erased (cases by retention or at the person's request, dead letters' originals
 * past their keep period), once their messages were taken off the broker's queues. A broker keeps a consumed
 * message's bytes in its journal files until it compacts them: the embedded broker compacts its journal on this
 * event, so that no copy of the erased data stays on disk.
 *
 * @param count how many cases or dead letters were erased
 * @param what  what was erased, for the log
 */
public record PersonalDataErased(int count, String what) {
}
