package org.urbanmine.ingest;


/** {@code rejected_records}: every input row that did not become a clean record, and why. */
public final class RejectedRecords {

  private RejectedRecords() {}
}
