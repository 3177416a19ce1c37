-- AlterTable
ALTER TABLE "holds" DROP COLUMN "onToken";
