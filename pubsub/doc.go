// Package pubsub connects Vividly to Google Cloud Pub/Sub, to the official
// emulator, or to an in-process fake: it makes clients (honouring
// PUBSUB_EMULATOR_HOST), creates the topics and subscriptions the starter needs
// when they are missing, runs the in-process server that `vividly dev` uses on
// the emulator port, and reads dead letters without losing them.
package pubsub
