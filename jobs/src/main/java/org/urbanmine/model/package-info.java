/**
 * The parts of the metal model more than one stage uses (the drivers model, exact sums): in the
 * bottom layer, so that stages share them without importing each other.
 */
package org.urbanmine.model;
