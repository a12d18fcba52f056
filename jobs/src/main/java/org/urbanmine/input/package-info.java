/**
 * Input files from outside the warehouse: which files of a location are read and in which format,
 * their fingerprints for the run history, and typed CSV reading. The storage layer, beside
 * publish.
 */
package org.urbanmine.input;
