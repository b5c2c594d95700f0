/** Every function that talks to DynamoDB loads within this factor of the floor (bench/baseline-dynamodb.ts). */
export const TARGET_LOAD_RATIO = 1.1;
