/** The benefit program of a learner product delivery case (defined with the live-case filter in src/store/repos). */
export { LEARNER_PROGRAM } from '../../store/repos/product-delivery-cases.ts';
