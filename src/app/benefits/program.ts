/** The benefit program of a learner product delivery case. */
export const LEARNER_PROGRAM = 'learner-income-support';
