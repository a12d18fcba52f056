/**
 * Every published table's specification (TableSpec): its columns as constants, key, partitions
 * and sort order, one class per table. The bottom layer: it knows no stage, so a stage reads
 * another stage's output through these classes only (see docs/design.md, Layers).
 */
package org.urbanmine.tables;
